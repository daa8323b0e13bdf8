export { AdminGuard } from './session.guard';
