import type { Handlers } from '../../../shared/contract/types';
import type { ThisComputerService } from './this-computer-service';

/** The `thisComputer` area of the contract: registration, lease, heartbeat, moving protection here. */
export function createThisComputerHandlers(thisComputer: ThisComputerService): Pick<Handlers, 'thisComputer'> {
  return {
    thisComputer: {
      status: () => thisComputer.status(),
      register: (input) => thisComputer.register(input),
      moveFrom: ({ deviceId }) => thisComputer.moveFrom(deviceId),
      check: () => thisComputer.check(),
      shares: () => thisComputer.shares(),
    },
  };
}
