/** A request ready to send. `url` holds the secrets; print only `displayUrl`. */
export interface PreparedRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** `url` with access_token / input_token / appsecret_proof replaced by placeholders */
  displayUrl: string;
  /** path without query, e.g. `/v26.0/me/messages` */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** a token is needed and none was configured */
  missingToken: boolean;
}
