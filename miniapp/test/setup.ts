import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { resetTaro } from './taro';

beforeEach(() => {
  resetTaro();
});

afterEach(() => {
  cleanup();
});
