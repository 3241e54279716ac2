export { StatefulService } from './stateful-service';
export type {
  AccessMode,
  ExternalServiceProps,
  ExternalServiceType,
  HostPathType,
  HostPathVolumesProps,
  StatefulServiceProps,
  StorageProps,
} from './stateful-service-props';
export { StatefulServiceError } from './validation';
