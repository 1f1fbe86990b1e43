/** PLACEHOLDER for another branch's migration 002 (the integrator drops this file). */
export const sql = `SELECT 1;`;
