import { CommonIssueStore } from '../store/common-issue-store.js';
import { provide } from '../wiring.js';

/** Common issues (共性问题) and their suggestions, for the functions that serve, propose or count them (imported by their handlers). */
provide('commonIssues', (store) => new CommonIssueStore(store));
