/** PLACEHOLDER (integrator drops): stands in for issue 10's migration 003 (clicks) so 004 can be tested here. */
export const sql = `SELECT 1;`;
