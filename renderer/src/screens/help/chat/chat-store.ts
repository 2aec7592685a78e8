import { create } from 'zustand';
import { idleChatView, type ChatView } from '../../../../../shared/contract/chat';
import type { PalisadeApi } from '../../../../../shared/contract/types';
import type { AppError } from '../../../../../shared/errors';
import { settle } from '../../../api/settle';

/** What the chat panel shows: the main process's view of the chat, and whether the panel is open. */
interface ChatStore {
  view: ChatView;
  expanded: boolean;
  /** Opening the chat failed (the call itself, not the chat's own cut). */
  startError: AppError | null;
  /** Bumped when the panel should take focus (it was opened from a button elsewhere). */
  focusRequest: number;
  received(view: ChatView): void;
  setExpanded(expanded: boolean): void;
}

export const useChatStore = create<ChatStore>()((set) => ({
  view: idleChatView,
  expanded: true,
  startError: null,
  focusRequest: 0,
  received: (view) => set({ view }),
  setExpanded: (expanded) => set({ expanded }),
}));

/** "Chat with us": opens (or shows) the one chat, and brings the panel to the front. */
export async function openChat(api: PalisadeApi): Promise<void> {
  useChatStore.setState((s) => ({ expanded: true, startError: null, focusRequest: s.focusRequest + 1 }));
  const result = await settle(() => api.chat.start({}));
  if (result.ok) useChatStore.getState().received(result.value);
  else useChatStore.setState({ startError: result.error });
}

/** Follows the main process's chat: its view now, then every `chat.changed`. Returns the unsubscribe. */
export function followChat(api: PalisadeApi): () => void {
  let pushed = false;
  const off = api.on('chat.changed', (view) => {
    pushed = true;
    useChatStore.getState().received(view);
  });
  void settle(() => api.chat.get({})).then((result) => {
    if (result.ok && !pushed) useChatStore.getState().received(result.value);
  });
  return off;
}
