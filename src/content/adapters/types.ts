// The shape every site adapter has. An adapter only reads the page; it never draws or messages.

export interface PostFacts {
  postId: string;
  /** Canonical URL kept as evidence (Xiaohongshu: with its xsec_token, which opening the note requires). */
  postUrl: string;
}

export interface Candidate {
  img: HTMLImageElement;
  /** The element the badge is anchored to (the card or image frame). */
  anchor: HTMLElement;
  post: PostFacts;
}

export interface SiteAdapter {
  /** Equals the file name; also the settings key `site:<id>` and the fixture folder name. */
  id: string;
  matches(url: URL): boolean;
  candidates(root: ParentNode): Candidate[];
}
