/** PLACEHOLDER (integrator drops): stands for another issue's migration 003 so 006 can be tested. */
export const sql = '';
