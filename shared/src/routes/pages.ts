/**
 * The mini-program pages a notification opens (a WeChat subscribe message's `page`, no leading
 * slash): declared once for the notifier; a components test checks each is a page of the app.
 */
export const NOTIFICATION_PAGES = {
  ticket: 'pages/ticket/index',
  policy: 'policy/pages/detail/index',
  commonIssue: 'common-issues/pages/issue/index',
} as const;
