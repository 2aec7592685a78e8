import type { Handlers } from '../../../shared/contract/types';
import type { ChatClient } from './chat-client';

/** The `chat` area: the live chat the main process holds (chat-client.ts); the renderer sees its view. */
export function createChatHandlers(client: ChatClient): Pick<Handlers, 'chat'> {
  return {
    chat: {
      get: async () => client.view(),
      start: () => client.start(),
      send: async ({ body }) => {
        client.send(body);
        return null;
      },
      end: async () => {
        client.end();
        return null;
      },
      toTicket: ({ subject }) => client.toTicket(subject),
      dismiss: async () => client.dismiss(),
    },
  };
}
