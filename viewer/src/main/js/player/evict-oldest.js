// The one bound the player's remembering maps and sets use: insertion order is age, so the first
// keys are the oldest (re-insert a key to make it the newest).

/** Deletes the oldest keys of `collection` (a Map or Set) until it holds at most `max`. */
export function evictOldest(collection, max) {
  while (collection.size > max) collection.delete(collection.keys().next().value);
}
