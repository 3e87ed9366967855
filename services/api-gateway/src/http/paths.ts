/** Where the API lives on its server. */
export const API_PREFIX = '/api/v1';
export const OPENAPI_PATH = '/api/openapi.json';
/** The largest JSON body a request may carry. */
export const MAX_BODY_BYTES = 1024 * 1024;
