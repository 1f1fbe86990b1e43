/** PLACEHOLDER (integrator drops): stands in for migration 007 of another branch so 008 can be tested. */
export const sql = '';
