/**
 * The whole API as one router type for clients (the web app imports `type AppRouter`) and tests.
 * In AWS each service's router runs in its own Lambda (handlers/*.ts); this merge is never deployed whole.
 */
import { aiRouter } from './routers/ai.js';
import { authRouter } from './routers/auth.js';
import { goalsRouter } from './routers/goals.js';
import { reflectionsRouter } from './routers/reflections.js';
import { tasksRouter } from './routers/tasks.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  goals: goalsRouter,
  tasks: tasksRouter,
  reflections: reflectionsRouter,
  ai: aiRouter,
});

export type AppRouter = typeof appRouter;
