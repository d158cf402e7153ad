// What the router mounts: an element, refreshed on open and then every second while it is shown.

export interface Page {
  readonly title: string;
  readonly element: HTMLElement;
  /** Fetches what the page shows and renders it; a rejection is shown in the page's alert banner. */
  refresh(): Promise<void>;
  dispose?(): void;
}
