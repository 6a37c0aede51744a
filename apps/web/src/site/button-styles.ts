// Shared by links and buttons so every call to action looks and focuses the same.
const BASE =
  'inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold transition-colors';

export const PRIMARY_BUTTON = `${BASE} bg-indigo-600 text-white shadow-sm hover:bg-indigo-500`;
export const SECONDARY_BUTTON = `${BASE} bg-white text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50`;
export const ON_DARK_BUTTON = `${BASE} bg-white text-slate-950 hover:bg-indigo-50`;
export const GHOST_ON_DARK_BUTTON = `${BASE} text-white ring-1 ring-white/30 hover:bg-white/10`;
