// The Urdu strings with the translating msg(): only other languages than English load it, and
// through their own chunk (so English pages, and their budgets, never reach it).
export { templates } from '../../generated/locales/ur.js';
export { install } from '../translate.js';
