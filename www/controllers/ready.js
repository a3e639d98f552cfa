// The element's `ready` promise. It resolves when two things have happened,
// in either order: the core drew its first frame, and the element applied
// its own setup (overlay data, layers, step, permalink). A map in a hidden
// container draws its first frame only when shown, so `ready` waits too.

export class ReadyGate {
  promise;
  #resolve;
  #reject;
  #frame = false;
  #setup = false;

  constructor() {
    this.renew();
  }

  /** A fresh promise (the element was created, or removed). */
  renew() {
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Awaiting callers still see the rejection; nobody awaiting is fine.
    this.promise.catch(() => {});
  }

  /** A new mount starts: neither condition holds yet. */
  start() {
    this.#frame = false;
    this.#setup = false;
  }

  frameDrawn() {
    this.#frame = true;
    if (this.#setup) this.#resolve();
  }

  setupDone() {
    this.#setup = true;
    if (this.#frame) this.#resolve();
  }

  reject(err) {
    this.#reject(err);
  }
}
