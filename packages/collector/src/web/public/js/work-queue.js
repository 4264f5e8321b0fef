// Runs heavy API calls one at a time, so a profile lookup never waits behind a pile of them.

/** A queue that runs tasks in order, one at a time; a failing task does not stop the next. */
export function createWorkQueue() {
  let tail = Promise.resolve()
  const pending = new Set()
  return {
    /**
     * Queues `task` unless the same task is already waiting; resolves when it has run.
     * @param {() => Promise<void>} task
     * @returns {Promise<void>}
     */
    run(task) {
      if (pending.has(task)) return tail
      pending.add(task)
      tail = tail.then(async () => {
        pending.delete(task)
        try {
          await task()
        } catch {
          // Each view reports its own errors.
        }
      })
      return tail
    },
  }
}
