import { describe, expect, it } from 'vitest';
import { type ChatInput, type ChatState, chatReducer, initialChatState } from '../../../electron/services/support/chat-machine';

const run = (...inputs: ChatInput[]): ChatState => inputs.reduce(chatReducer, initialChatState);
const queued: ChatInput = { type: 'server', message: { type: 'queued', chatId: 'c1', position: 2 } };
const joined: ChatInput = { type: 'server', message: { type: 'agentJoined', name: 'Sam' } };

describe('the chat reducer', () => {
  it('a second start keeps the open chat rather than queueing again', () => {
    const state = run({ type: 'start' }, queued);
    expect(chatReducer(state, { type: 'start' })).toBe(state);
  });

  it('a queue update after the agent joined is stale', () => {
    const state = run({ type: 'start' }, queued, joined, queued);
    expect(state.view).toMatchObject({ phase: 'connected', agentName: 'Sam', position: null });
  });

  it('a close after the customer asked to end is the end; without asking, a cut', () => {
    expect(run({ type: 'start' }, queued, joined, { type: 'ending' }, { type: 'dropped' }).view.phase).toBe('ended');
    expect(run({ type: 'start' }, queued, joined, { type: 'dropped' }).view).toMatchObject({ phase: 'cut', problem: 'connection' });
  });

  it('no agent on duty, the ticket made: the chat is over, and the close after it is no cut', () => {
    const state = run(
      { type: 'start' },
      { type: 'server', message: { type: 'noAgents', chatId: 'c1' } },
      { type: 'ticketRequested' },
      { type: 'server', message: { type: 'ticket', id: 't1', number: 'T-000001' } },
      { type: 'dropped' },
    );
    expect(state.view).toMatchObject({ phase: 'ended', ticket: { number: 'T-000001' }, sendingTicket: false, problem: null });
  });

  it('nothing the service says after the end changes the chat; dismiss clears it only once it is over', () => {
    const ended = run({ type: 'start' }, queued, joined, { type: 'server', message: { type: 'ended' } });
    expect(chatReducer(ended, { type: 'server', message: { type: 'message', body: 'late', from: 'agent', at: 'x' } })).toBe(ended);
    expect(chatReducer(ended, { type: 'dismiss' })).toBe(initialChatState);
    const live = run({ type: 'start' }, queued);
    expect(chatReducer(live, { type: 'dismiss' })).toBe(live);
  });

  it('numbers messages in arrival order', () => {
    const message = (body: string): ChatInput => ({ type: 'server', message: { type: 'message', body, from: 'agent', at: 'x' } });
    const state = run({ type: 'start' }, queued, joined, message('a'), message('b'));
    expect(state.view.messages.map((m) => [m.seq, m.body])).toEqual([[0, 'a'], [1, 'b']]);
  });
});
