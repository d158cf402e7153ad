// State time-to-live configuration (Flink's StateTtlConfig), measured on the processing-time clock.

export type TtlUpdateType = "OnCreateAndWrite" | "OnReadAndWrite" | "Disabled";
export type TtlStateVisibility = "NeverReturnExpired" | "ReturnExpiredIfNotCleanedUp";

export interface StateTtlConfig {
  readonly ttl: number;
  readonly updateType: TtlUpdateType;
  readonly stateVisibility: TtlStateVisibility;
  /** Entries checked for expiry on every state access (Flink's incremental cleanup); 0 = lazy only. */
  readonly cleanupSize: number;
}

export const StateTtlConfig = {
  newBuilder(ttl: number): StateTtlConfigBuilder {
    return new StateTtlConfigBuilder(ttl);
  },
};

export class StateTtlConfigBuilder {
  private updateType: TtlUpdateType = "OnCreateAndWrite";
  private stateVisibility: TtlStateVisibility = "NeverReturnExpired";
  private cleanupSize = 5;

  constructor(private readonly ttl: number) {
    if (!(ttl > 0)) throw new RangeError(`state TTL must be positive, got ${ttl}`);
  }
  setUpdateType(type: TtlUpdateType): this {
    this.updateType = type;
    return this;
  }
  updateTtlOnCreateAndWrite(): this {
    return this.setUpdateType("OnCreateAndWrite");
  }
  updateTtlOnReadAndWrite(): this {
    return this.setUpdateType("OnReadAndWrite");
  }
  setStateVisibility(visibility: TtlStateVisibility): this {
    this.stateVisibility = visibility;
    return this;
  }
  neverReturnExpired(): this {
    return this.setStateVisibility("NeverReturnExpired");
  }
  returnExpiredIfNotCleanedUp(): this {
    return this.setStateVisibility("ReturnExpiredIfNotCleanedUp");
  }
  cleanupIncrementally(cleanupSize: number): this {
    this.cleanupSize = cleanupSize;
    return this;
  }
  disableCleanupInBackground(): this {
    this.cleanupSize = 0;
    return this;
  }
  build(): StateTtlConfig {
    return { ttl: this.ttl, updateType: this.updateType, stateVisibility: this.stateVisibility, cleanupSize: this.cleanupSize };
  }
}
