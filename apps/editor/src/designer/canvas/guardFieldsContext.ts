/**
 * The fields guards can test, for transition labels. The canvas reads them
 * from the editor store once and hands them down: one subscription instead of
 * one per transition, each checked again on every drag frame.
 */
import { createContext } from 'react';
import type { GuardField } from '../model/guardText.ts';

export const GuardFieldsContext = createContext<GuardField[]>([]);
