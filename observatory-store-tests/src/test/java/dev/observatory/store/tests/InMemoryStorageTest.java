package dev.observatory.store.tests;

import dev.observatory.store.StorageComponent;
import dev.observatory.store.memory.InMemoryStorage;

class InMemoryStorageTest extends StorageContract {

    @Override
    protected StorageComponent newStorage() {
        return new InMemoryStorage();
    }
}
