import type { LoggerPort, MetricsPort } from '../../../functions/src/ports.js';

export interface LogLine {
  level: 'error' | 'warn' | 'info';
  message: string;
  extra: Array<Record<string, unknown>>;
}

/** Collects what the services log; prints nothing. */
export class MemoryLogger implements LoggerPort {
  readonly lines: LogLine[] = [];
  error(message: string, ...extra: Array<Record<string, unknown>>): void {
    this.lines.push({ level: 'error', message, extra });
  }
  warn(message: string, ...extra: Array<Record<string, unknown>>): void {
    this.lines.push({ level: 'warn', message, extra });
  }
  info(message: string, ...extra: Array<Record<string, unknown>>): void {
    this.lines.push({ level: 'info', message, extra });
  }
  errors(): LogLine[] {
    return this.lines.filter((l) => l.level === 'error');
  }
  warnings(): LogLine[] {
    return this.lines.filter((l) => l.level === 'warn');
  }
}

/** Counts business metrics by name. */
export class MemoryMetrics implements MetricsPort {
  private readonly counts = new Map<string, number>();
  addMetric(name: string, _unit: 'Count' | 'Milliseconds', value: number): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + value);
  }
  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }
}
