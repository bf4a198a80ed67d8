/**
 * The editor's draft in IndexedDB: after every edit the plan being edited is saved under the
 * editor's `draft-key`, so a reload or a crashed tab can offer the work back. A commit or a discard
 * removes it. Works offline (IndexedDB is local); where IndexedDB is missing or refused (private
 * windows of some browsers), drafts are simply not kept and the editor says so once.
 */
import type { Plan } from '../../core/types.ts';

export interface Draft {
  /** The plan as it was after the last edit. */
  plan: Plan;
  /** The plan the edits started from (its id), to tell a stale draft from a current one. */
  base: string | null;
  /** When it was saved (ISO 8601). */
  savedAt: string;
  /** Edits in the draft since the base was loaded. */
  edits: number;
}

const DB = 'wangge';
const STORE = 'drafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused'));
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** Saves the draft under `key` (replacing the previous one). */
export function saveDraft(key: string, draft: Draft): Promise<unknown> {
  // A plain copy: the assignment is a record without a prototype, which structured clone keeps.
  return run('readwrite', (store) => store.put(JSON.parse(JSON.stringify(draft)) as Draft, key));
}

/** The draft saved under `key`, or null. */
export async function loadDraft(key: string): Promise<Draft | null> {
  const found = await run<Draft | undefined>(
    'readonly',
    (store) => store.get(key) as IDBRequest<Draft | undefined>,
  );
  return found ?? null;
}

/** Removes the draft under `key`. */
export function clearDraft(key: string): Promise<unknown> {
  return run('readwrite', (store) => store.delete(key));
}
