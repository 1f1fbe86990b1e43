/** PLACEHOLDER (integrator drops): stands in for migration 006 of another branch so 008 can be tested. */
export const sql = '';
