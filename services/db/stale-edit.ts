/**
 * An edit made from a version of a row that is no longer current: someone (another tab, another device, an AI
 * draft) changed it after the editor opened. The API answers 409 CONFLICT with the row's current title and
 * version in `data.current`, and the person chooses whose text stays, instead of one save silently
 * overwriting the other.
 */
export interface CurrentVersion {
  readonly title: string;
  /** The version to send as `expectedUpdatedAt` when keeping one's own text after all. */
  readonly updatedAt: string;
}

export class StaleEdit extends Error {
  constructor(readonly current: CurrentVersion) {
    super('expectedUpdatedAt: changed since this edit started');
    this.name = 'StaleEdit';
  }
}
