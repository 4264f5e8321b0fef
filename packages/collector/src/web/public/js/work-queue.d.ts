// Types for work-queue.js, for the unit tests and editors; the browser loads the .js as is.
export declare function createWorkQueue(): { run(task: () => Promise<void>): Promise<void> }
