/** A uuid that matches nothing: ids from the path are compared to uuid columns. */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are opaque to clients, but the columns are uuid: a string that is not one would
 * make PostgreSQL fail the query (a 500). Such an id names nothing, so it becomes one
 * that matches nothing, and the caller answers 404 as for any unknown id.
 */
export const asUuid = (id: string): string => (uuidPattern.test(id) ? id.toLowerCase() : NO_SUCH_ID);
