export { StatefulService } from './stateful-service';
export type {
  AccessMode,
  DisruptionBudgetProps,
  ExternalServiceProps,
  ExternalServiceType,
  HostPathType,
  HostPathVolumesProps,
  ImagePullPolicy,
  ProbeProps,
  ProbesProps,
  ResourceProps,
  ResourcesProps,
  SecurityProps,
  StatefulServiceProps,
  StorageProps,
} from './stateful-service-props';
export { ACKNOWLEDGE_PREFIX, POLICY_RULE_TARGETS } from './policy-acknowledgements';
export type { PolicyRuleId } from './policy-acknowledgements';
export { StatefulServiceError } from './validation';
