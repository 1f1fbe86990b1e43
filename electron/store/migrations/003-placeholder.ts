/** PLACEHOLDER for another issue's migration 003 (the integrator drops this file at merge). */
export const sql = 'SELECT 1;';
