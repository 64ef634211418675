// The spelling rules for names that end up in URLs and file paths (the Java Names class). They are
// deliberately narrow: a name that passes is a safe path segment anywhere without escaping and can
// never be "." or ".." or contain a separator. Anchored, no flags: the whole string must match.

/** Stream names: the NAME in /streams/PUB/NAME/. */
export const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Rendition names such as src, 720p. */
export const RENDITION_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/** Segment file names listed in playlists and manifests, e.g. seg-1-000042.ts. */
export const SEGMENT_URI = /^[A-Za-z0-9][A-Za-z0-9_-]{0,100}(\.[A-Za-z0-9]{1,8})?$/;

export const STREAM_RULE = '1-64 characters of A-Z a-z 0-9 _ -, starting with a letter or digit';
export const RENDITION_RULE = '1-32 characters of a-z 0-9 _ -, starting with a letter or digit';
export const SEGMENT_URI_RULE = 'a plain file name (letters, digits, _ -, one extension)';

export const isStreamName = (s) => typeof s === 'string' && STREAM_NAME.test(s);
export const isRenditionName = (s) => typeof s === 'string' && RENDITION_NAME.test(s);
export const isSegmentUri = (s) => typeof s === 'string' && SEGMENT_URI.test(s);
