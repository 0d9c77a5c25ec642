import type { Component } from 'solid-js';
import { AccessibilityStatement } from './AccessibilityStatement.tsx';
import { Cookies } from './Cookies.tsx';
import { Help } from './Help.tsx';
import { PrivacyNotice } from './PrivacyNotice.tsx';

/** The pages the footer links to: anyone may read them, signed in or not. */
export const FOOTER_PAGES: readonly { path: string; label: string; component: Component }[] = [
  { path: '/help', label: 'Help and contact', component: Help },
  { path: '/accessibility', label: 'Accessibility statement', component: AccessibilityStatement },
  { path: '/privacy', label: 'Privacy notice', component: PrivacyNotice },
  { path: '/cookies', label: 'Cookies', component: Cookies },
];
