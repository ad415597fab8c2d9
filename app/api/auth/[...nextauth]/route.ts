import { handlers } from '@/lib/auth/auth';

// Auth.js's own endpoints (session, CSRF, sign-out). Sign-in goes through the login page's action.
export const { GET, POST } = handlers;
