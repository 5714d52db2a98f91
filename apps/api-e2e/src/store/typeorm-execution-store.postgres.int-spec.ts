import { describeTypeOrmStoreContract } from './typeorm-store-contract';

describeTypeOrmStoreContract('postgres');
