// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatView } from '../../../shared/contract/chat';
import { useChatStore } from '../../../renderer/src/screens/help/chat/chat-store';
import { createFakeApi, idleChat, ok, signedIn } from '../renderer/support/fake-api';
import { renderApp } from '../renderer/support/render-app';

/** The chat panel with the main process faked at the IPC boundary: the views it pushes are the chat. */
const connected: ChatView = {
  ...idleChat,
  phase: 'connected',
  agentName: 'Sam Support',
  messages: [{ seq: 0, from: 'agent', body: 'Hello, how can I help?', at: '2026-12-03T09:00:00.000Z' }],
};

beforeEach(() => useChatStore.setState(useChatStore.getInitialState(), true));

async function openPanel() {
  const send = vi.fn(async () => ok(null));
  const toTicket = vi.fn(async () => ok({ id: 't1', number: 'T-000042' }));
  const fake = createFakeApi({ chat: { send, toTicket } }, signedIn);
  const { user } = renderApp(fake.api, '/support');
  await user.click(await screen.findByRole('button', { name: 'Chat with us' }, { timeout: 5000 }));
  const panel = await screen.findByRole('region', { name: 'Chat with support' });
  return { fake, user, panel, send, toTicket };
}

describe('the live chat panel', () => {
  it('opens from Chat with us, takes focus, and says where the chat stands', async () => {
    const { fake, panel } = await openPanel();
    await waitFor(() => expect(within(panel).getByRole('heading', { name: 'Chat with support' })).toHaveFocus());
    expect(within(panel).getByRole('status')).toHaveTextContent('Connecting you to support…');
    act(() => fake.emit('chat.changed', { ...idleChat, phase: 'queued', position: 2 }));
    expect(within(panel).getByRole('status')).toHaveTextContent("You're number 2 in the queue.");
    act(() => fake.emit('chat.changed', connected));
    expect(within(panel).getByRole('status')).toHaveTextContent("You're chatting with Sam Support.");
    const log = within(panel).getByRole('log', { name: 'Conversation' });
    expect(log).toHaveAttribute('aria-live', 'polite');
    expect(log).toHaveTextContent('Hello, how can I help?');
  });

  it('Enter sends the message; Shift+Enter starts a new line', async () => {
    const { fake, user, panel, send } = await openPanel();
    act(() => fake.emit('chat.changed', connected));
    const field = within(panel).getByLabelText('Your message');
    await user.click(field);
    await user.keyboard('My key{Shift>}{Enter}{/Shift}is refused');
    expect(field).toHaveValue('My key\nis refused');
    expect(send).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(send).toHaveBeenCalledWith({ body: 'My key\nis refused' }));
    await waitFor(() => expect(field).toHaveValue(''));
  });

  it('with no agent on duty, asks for a subject and shows the ticket number', async () => {
    const { fake, user, panel, toTicket } = await openPanel();
    act(() => fake.emit('chat.changed', { ...idleChat, phase: 'noAgents' }));
    await user.click(within(panel).getByRole('button', { name: 'Send as a ticket' }));
    expect(within(panel).getByText('Enter a subject for the ticket.')).toBeInTheDocument();
    expect(toTicket).not.toHaveBeenCalled();
    await user.type(within(panel).getByLabelText('Subject of the ticket'), 'Key refused{Enter}');
    await waitFor(() => expect(toTicket).toHaveBeenCalledWith({ subject: 'Key refused' }));
    act(() => fake.emit('chat.changed', { ...idleChat, phase: 'ended', ticket: { id: 't1', number: 'T-000042' } }));
    expect(within(panel).getByText(/Your ticket T-000042 was sent/)).toBeInTheDocument();
  });

  it('a cut says what to do next, and folding keeps the chat', async () => {
    const { fake, user, panel } = await openPanel();
    act(() => fake.emit('chat.changed', { ...connected, phase: 'cut', problem: 'connection' }));
    expect(within(panel).getByRole('status')).toHaveTextContent(/connection to support was lost.*Start a new chat/);
    expect(within(panel).queryByLabelText('Your message')).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Hide the chat' }));
    expect(within(panel).getByRole('button', { name: 'Show the chat' })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('region', { name: 'Chat with support' })).toBeInTheDocument();
  });
});
