import { describe, expect, it, vi } from 'vitest';
import {
  draftKey,
  forgetAllDrafts,
  forgetDraft,
  recallDraft,
  rememberDraft,
  type DraftStore,
} from '../../../services/web/src/draft-memory.js';

/** An in-memory Web Storage (insertion order, like the browser's for a fresh profile). */
function memoryStore(
  initial: Record<string, string> = {},
): DraftStore & { entries(): Record<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    entries: () => Object.fromEntries(items),
  };
}

/** A store that throws on every use, as localStorage does when it is full or blocked. */
const brokenStore: DraftStore = {
  get length(): number {
    throw new Error('SecurityError');
  },
  key: () => {
    throw new Error('SecurityError');
  },
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

const SESSION = { 'goal-mandala.session': '{"accessToken":"secret","user":{"id":"ann"}}' };

describe('draft memory (the AI job to rejoin, per signed-in user and goal)', () => {
  it('remembers a job id for a user and goal, and recalls it', () => {
    const store = memoryStore();
    rememberDraft('ann', 'goal-1', 'job-1', store);
    expect(recallDraft('ann', 'goal-1', store)).toBe('job-1');
  });

  it('keeps only the job id, under a key naming the user and goal', () => {
    const store = memoryStore(SESSION);
    rememberDraft('ann', 'goal-1', 'job-1', store);
    expect(store.entries()).toEqual({ ...SESSION, 'goal-mandala.aiDraft:ann:goal-1': 'job-1' });
  });

  it("keeps users and goals apart: another user's or goal's draft is not recalled", () => {
    const store = memoryStore();
    rememberDraft('ann', 'goal-1', 'job-ann', store);
    rememberDraft('ann', 'goal-2', 'job-ann-2', store);
    rememberDraft('bob', 'goal-1', 'job-bob', store);
    expect(recallDraft('ann', 'goal-1', store)).toBe('job-ann');
    expect(recallDraft('ann', 'goal-2', store)).toBe('job-ann-2');
    expect(recallDraft('bob', 'goal-1', store)).toBe('job-bob');
    expect(recallDraft('bob', 'goal-2', store)).toBeNull();
  });

  it('encodes ids so that no pair of ids can spell another pair’s key', () => {
    expect(draftKey('a:b', 'c')).not.toBe(draftKey('a', 'b:c'));
    const store = memoryStore();
    rememberDraft('a:b', 'c', 'job-1', store);
    expect(recallDraft('a', 'b:c', store)).toBeNull();
  });

  it('a newer job for the same goal replaces the older one', () => {
    const store = memoryStore();
    rememberDraft('ann', 'goal-1', 'job-1', store);
    rememberDraft('ann', 'goal-1', 'job-2', store);
    expect(recallDraft('ann', 'goal-1', store)).toBe('job-2');
    expect(Object.keys(store.entries())).toHaveLength(1);
  });

  it('forgets one goal’s draft, leaving the others', () => {
    const store = memoryStore();
    rememberDraft('ann', 'goal-1', 'job-1', store);
    rememberDraft('ann', 'goal-2', 'job-2', store);
    forgetDraft('ann', 'goal-1', store);
    expect(recallDraft('ann', 'goal-1', store)).toBeNull();
    expect(recallDraft('ann', 'goal-2', store)).toBe('job-2');
  });

  it('on sign-out forgets every remembered draft (whoever’s) and nothing else', () => {
    const store = memoryStore({ ...SESSION, 'goal-mandala.language': 'ja' });
    rememberDraft('ann', 'goal-1', 'job-1', store);
    rememberDraft('ann', 'goal-2', 'job-2', store);
    rememberDraft('bob', 'goal-3', 'job-3', store);
    forgetAllDrafts(store);
    expect(store.entries()).toEqual({ ...SESSION, 'goal-mandala.language': 'ja' });
  });

  it('treats an empty value as nothing remembered', () => {
    const store = memoryStore({ [draftKey('ann', 'goal-1')]: '' });
    expect(recallDraft('ann', 'goal-1', store)).toBeNull();
  });

  it('never throws when storage is unavailable: nothing is remembered', () => {
    expect(() => rememberDraft('ann', 'goal-1', 'job-1', brokenStore)).not.toThrow();
    expect(recallDraft('ann', 'goal-1', brokenStore)).toBeNull();
    expect(() => forgetDraft('ann', 'goal-1', brokenStore)).not.toThrow();
    expect(() => forgetAllDrafts(brokenStore)).not.toThrow();
  });

  it("without a store given, uses the browser's localStorage", () => {
    const browserStorage = memoryStore();
    vi.stubGlobal('localStorage', browserStorage);
    try {
      rememberDraft('ann', 'goal-1', 'job-1');
      expect(browserStorage.entries()).toEqual({ 'goal-mandala.aiDraft:ann:goal-1': 'job-1' });
      expect(recallDraft('ann', 'goal-1')).toBe('job-1');
      forgetAllDrafts();
      expect(browserStorage.entries()).toEqual({});
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('never throws where merely reaching localStorage throws (storage blocked)', () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new Error('SecurityError');
      },
    });
    try {
      expect(() => rememberDraft('ann', 'goal-1', 'job-1')).not.toThrow();
      expect(recallDraft('ann', 'goal-1')).toBeNull();
      expect(() => forgetAllDrafts()).not.toThrow();
    } finally {
      if (before) Object.defineProperty(globalThis, 'localStorage', before);
      else delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
