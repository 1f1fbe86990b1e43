/** PLACEHOLDER (integrator drops): stands in for another issue's migration 002 so 004 can be tested here. */
export const sql = `SELECT 1;`;
