/** PLACEHOLDER (integrator drops): stands for another issue's migration 005 so 006 can be tested. */
export const sql = '';
