/** PLACEHOLDER for another issue's migration 002 (the integrator drops this file at merge). */
export const sql = 'SELECT 1;';
