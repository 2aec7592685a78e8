import { describe, expect, it } from 'vitest';
import { snippetParts } from '../../../renderer/src/screens/help/article-markdown';

describe('snippetParts', () => {
  it('splits the service’s marks into marked and plain parts', () => {
    expect(snippetParts('reset your \uE000password\uE001 from the \uE000link\uE001.')).toEqual([
      { text: 'reset your ', marked: false },
      { text: 'password', marked: true },
      { text: ' from the ', marked: false },
      { text: 'link', marked: true },
      { text: '.', marked: false },
    ]);
  });

  it('survives a mark left open, a stray end mark and no marks at all', () => {
    expect(snippetParts('a \uE000b')).toEqual([
      { text: 'a ', marked: false },
      { text: 'b', marked: true },
    ]);
    expect(snippetParts('a\uE001 b')).toEqual([{ text: 'a b', marked: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});
