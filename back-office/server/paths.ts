// Where the back office lives on its server, and how much a request may send.
export const BACK_OFFICE_PATH = '/back-office/';
export const API_PREFIX = `${BACK_OFFICE_PATH}api/`;
/** A menu is ~60 kB; a large chain menu stays well under this. */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;
