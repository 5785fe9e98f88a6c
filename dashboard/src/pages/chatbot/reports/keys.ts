/** The cache key of a chatbot's saved reports: the Reports page and the navigation's five share one list. */
export const reportsKey = (chatbotId: string) => `reports:${chatbotId}`;
