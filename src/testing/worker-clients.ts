/** Browser tests: clients on the real training and ranking workers, closed by `closeAll`. */
import { connectCourses, type CoursesClient } from '../rpc/client.ts';

const open: CoursesClient[] = [];

/** A client with its own dedicated training and ranking module workers. */
export async function connectWorkers(): Promise<CoursesClient> {
  const client = await connectCourses(); // the package's own workers (`defaultWorker`)
  open.push(client);
  return client;
}

/** Closes every client `connectWorkers` opened (call in `afterEach`). */
export function closeAll(): void {
  open.splice(0).forEach((c) => c.dispose());
}
