// A failure the harness explains in one message (which component, what happened, where its
// log is): printed as it is, without a stack trace, and the command exits non-zero.
export class ClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterError';
  }
}
