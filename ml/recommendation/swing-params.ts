// Params of Swing (Flink ML's SwingParams).
import { Params, ParamValidators } from "../core/param.js";
import { OUTPUT_COL, SEED } from "../core/shared-params.js";

export const USER_COL = Params.string("userCol", "User column name.", "user", ParamValidators.notNull());
export const ITEM_COL = Params.string("itemCol", "Item column name.", "item", ParamValidators.notNull());
export const MAX_USER_NUM_PER_ITEM = Params.int("maxUserNumPerItem", "The max number of users (purchasers) for each item; more are sampled down to it.", 1000, ParamValidators.gt(0));
export const K = Params.int("k", "The max number of similar items to output for each item.", 100, ParamValidators.gt(0));
export const MIN_USER_BEHAVIOR = Params.int("minUserBehavior", "The min number of items a user purchases; users with fewer are left out.", 10, ParamValidators.gt(0));
export const MAX_USER_BEHAVIOR = Params.int("maxUserBehavior", "The max number of items a user purchases; users with more are left out.", 1000, ParamValidators.gt(0));
export const ALPHA1 = Params.int("alpha1", "Smooth factor for the number of items a user purchased.", 15, ParamValidators.gtEq(0));
export const ALPHA2 = Params.int("alpha2", "Smooth factor for the number of items two users both purchased.", 0, ParamValidators.gtEq(0));
export const BETA = Params.double("beta", "Decay factor for the number of items a user purchased.", 0.3, ParamValidators.gtEq(0));

export const SWING_PARAMS = [USER_COL, ITEM_COL, OUTPUT_COL, SEED, MAX_USER_NUM_PER_ITEM, K, MIN_USER_BEHAVIOR, MAX_USER_BEHAVIOR, ALPHA1, ALPHA2, BETA] as const;
