// Any other site, off by default: the artist enables it per origin from the popup, which requests that host
// permission there and then. So it has no hosts of its own, and the post itself is the only complaint page.
import { defineSite } from './types.ts';

export const generic = defineSite({
  id: 'generic',
  words: { name: 'site_generic', thisPost: 'report_this_post_generic', postNoun: 'report_noun_generic' },
  enabledByDefault: false,
  hosts: [],
  cdn: [],
  profiles: [],
  posts: [],
  complaints: [{ kind: 'in-post' }],
  aiLabels: [],
});
