// Communities: Flink Gelly's LabelPropagation and CommunityDetection as CSR kernels.
export { labelPropagation, type LabelPropagationOptions, type LabelPropagationResult } from "./label-propagation.js";
export { communityDetection, type CommunityDetectionOptions, type CommunityDetectionResult } from "./community-detection.js";
