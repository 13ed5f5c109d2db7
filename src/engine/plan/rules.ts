/** The thin grey rules under header rows and over totals, as budget reports draw them. */
export const HEADER_RULE = { edge: 'bottom', color: '#7F7F7F' } as const;
export const TOTAL_RULE = { edge: 'top', color: '#7F7F7F' } as const;
