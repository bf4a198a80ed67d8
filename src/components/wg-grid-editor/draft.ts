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

const sameAssignment = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The editor's side of drafts: counts edits since the plan was loaded or committed, saves after each
 * one (in order, so the last edit's draft is the one kept), and after a load holds the stored draft
 * that differs from the loaded plan as the `offer`. Editing on while a draft is offered makes the new
 * work the draft; the offered one is kept once more under `KEY:previous` rather than lost.
 */
export class DraftKeeper {
  /** A stored draft that differs from the plan loaded, until it is restored, discarded or edited over. */
  offer: Draft | null = null;
  #edits = 0;
  #loads = 0;
  #base: string | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  #then(step: () => Promise<unknown> | undefined): void {
    this.#queue = this.#queue.then(step).catch((error: unknown) => this.#onError(error));
  }

  /** A plan was loaded; resolves true when a differing draft is now offered. */
  async loaded(
    key: string | undefined,
    base: string | null,
    assignment: Readonly<Record<string, string>>,
  ): Promise<boolean> {
    const load = ++this.#loads;
    this.#edits = 0;
    this.#base = base;
    this.offer = null;
    if (!key) return false;
    const draft = await this.#queue
      .then(() => loadDraft(key))
      .catch((error: unknown) => (this.#onError(error), null));
    // Another plan loaded since, or editing began: this offer is moot.
    if (
      !draft ||
      load !== this.#loads ||
      this.#edits > 0 ||
      sameAssignment(draft.plan.assignment, assignment)
    )
      return false;
    this.offer = draft;
    return true;
  }

  /** An edit was applied; `plan` is the plan after it. */
  edited(key: string | undefined, plan: Plan): void {
    this.#edits++;
    if (!key) return;
    const draft: Draft = { plan, base: this.#base, savedAt: new Date().toISOString(), edits: this.#edits };
    const superseded = this.offer;
    this.offer = null;
    this.#then(() => (superseded ? saveDraft(`${key}:previous`, superseded) : undefined));
    this.#then(() => saveDraft(key, draft));
  }

  /** The plan was committed as `id`: the count starts again and the draft goes. */
  committed(key: string | undefined, id: string): void {
    this.#edits = 0;
    this.#base = id;
    this.discard(key);
  }

  /** Drops the offer and the stored draft. */
  discard(key: string | undefined): void {
    this.offer = null;
    if (key) this.#then(() => clearDraft(key));
  }

  /** Hands over the offer (to restore it) and forgets it. */
  take(): Draft | null {
    const offer = this.offer;
    this.offer = null;
    return offer;
  }
}
