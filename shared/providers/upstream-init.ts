// What forwarding hands an upstream fetch beyond the standard RequestInit. A runtime's own fetch ignores the extra
// field; the Node upstream fetch honours it. It matters for whole (non-streamed) answers: a provider sends their
// headers only once the answer is ready, so only the connection itself can be timed separately from the generation.

export interface UpstreamInit extends RequestInit {
  /** Longest wait for the connection (TCP + TLS) before the attempt fails as a timeout. */
  connectTimeoutMs?: number;
}

/** The connection to the provider was not established within connectTimeoutMs. */
export class ConnectTimeout extends Error {
  override name = "ConnectTimeout";
}
