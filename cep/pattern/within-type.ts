// How `within` measures time: from the first event of the match, or between consecutive events (Flink's WithinType).
export type WithinType = "FIRST_AND_LAST" | "PREVIOUS_AND_CURRENT";
